#pragma once
// IPP messages through libcups: an owning pointer, reading a message from a descriptor or
// from memory (stopping exactly at the first document byte), and encoding a response.

#include <cups/ipp.h>

#include <memory>
#include <span>
#include <string>

namespace printline::ipp {

struct IppDeleter {
  void operator()(ipp_t* ipp) const { ippDelete(ipp); }
};
using IppPtr = std::unique_ptr<ipp_t, IppDeleter>;

// The message at the descriptor's position; the descriptor is left at the first byte after
// it (the document). Null when the bytes are not a complete IPP message.
IppPtr read_ipp_from_fd(int fd);
// The same from memory; *consumed is the message's length.
IppPtr read_ipp_from_memory(std::span<const char> bytes, std::size_t* consumed);
std::string encode_ipp(ipp_t* message);

}  // namespace printline::ipp
