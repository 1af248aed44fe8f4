#pragma once
// Builds PCL-XL streams byte by byte for tests (little-endian binding, as drivers write them).

#include <cstdint>
#include <initializer_list>
#include <string>

namespace printline::analysis::testing {

class PclXlBuilder {
 public:
  PclXlBuilder() { bytes_ = ") HP-PCL XL;2;0;Comment test\n"; }

  PclXlBuilder& ubyte(uint8_t value) { return raw({0xc0, value}); }
  PclXlBuilder& uint16(uint16_t value) {
    return raw({0xc1, static_cast<uint8_t>(value & 0xff), static_cast<uint8_t>(value >> 8)});
  }
  PclXlBuilder& ubyte_array(std::initializer_list<uint8_t> values) {
    raw({0xc8, 0xc0, static_cast<uint8_t>(values.size())});
    for (uint8_t v : values) bytes_.push_back(static_cast<char>(v));
    return *this;
  }
  PclXlBuilder& uint16_xy(uint16_t x, uint16_t y) {
    return raw({0xd1, static_cast<uint8_t>(x & 0xff), static_cast<uint8_t>(x >> 8),
                static_cast<uint8_t>(y & 0xff), static_cast<uint8_t>(y >> 8)});
  }
  PclXlBuilder& attr(uint8_t id) { return raw({0xf8, id}); }
  PclXlBuilder& op(uint8_t tag) { return raw({tag}); }
  PclXlBuilder& data(const std::string& payload) {
    raw({0xfb, static_cast<uint8_t>(payload.size())});
    bytes_ += payload;
    return *this;
  }
  PclXlBuilder& raw(std::initializer_list<uint8_t> values) {
    for (uint8_t v : values) bytes_.push_back(static_cast<char>(v));
    return *this;
  }

  // Common sequences.
  PclXlBuilder& begin_session() {
    return uint16_xy(600, 600).attr(0x89).ubyte(0).attr(0x86).op(0x41);
  }
  PclXlBuilder& begin_page(uint8_t media_size, bool duplex = false) {
    ubyte(0).attr(40).ubyte(media_size).attr(37);
    if (duplex)
      ubyte(1).attr(53);
    else
      ubyte(0).attr(52);
    return op(0x43);
  }
  PclXlBuilder& color_space(uint8_t space) { return ubyte(space).attr(3).op(0x6a); }
  PclXlBuilder& rgb_brush(uint8_t r, uint8_t g, uint8_t b) {
    return ubyte_array({r, g, b}).attr(11).op(0x63);
  }
  PclXlBuilder& gray_brush(uint8_t level) { return ubyte(level).attr(9).op(0x63); }
  PclXlBuilder& end_page(int copies = 0) {
    if (copies) uint16(static_cast<uint16_t>(copies)).attr(49);
    return op(0x44);
  }
  PclXlBuilder& end_session() { return op(0x42); }

  const std::string& bytes() const { return bytes_; }

 private:
  std::string bytes_;
};

}  // namespace printline::analysis::testing
