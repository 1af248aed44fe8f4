# IPP request handling without a network: bytes → libcups decoding → checks → operations.
printline_add_fuzzer(ipp_request ipp_request_fuzzer.cc printline_server)
