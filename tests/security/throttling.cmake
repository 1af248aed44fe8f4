# Password guessing throttled in bounded memory (D13): the limiter itself, an in-process server
# and a real printline-server process whose memory is read from /proc.
if(TARGET printline-server)
  printline_add_gtest(NAME security_throttling_test LABEL integration
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/throttling_test.cc
    LIBRARIES printline_test_server printline_test_api_client printline_test_peers)
  target_compile_definitions(security_throttling_test
    PRIVATE PRINTLINE_SERVER_BINARY="$<TARGET_FILE:printline-server>")
  add_dependencies(security_throttling_test printline-server)
endif()
