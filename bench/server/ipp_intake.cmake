# IPP jobs accepted per second, printline-server's hold queue against a private cupsd (SPEC §5).
add_executable(ipp_intake_bench ${CMAKE_CURRENT_SOURCE_DIR}/ipp_intake_bench.cc)
target_link_libraries(ipp_intake_bench PRIVATE printline_test_server printline_test_peers Cups::Cups)
