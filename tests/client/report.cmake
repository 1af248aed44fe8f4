# The client's heartbeat report to the server (client id, host, account, fallback jobs awaiting
# upload), against the real server.
if(TARGET printline_test_client)
  printline_add_gtest(NAME client_report_test LABEL integration TIMEOUT 120
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/client_report_test.cc
    LIBRARIES printline_test_client)
endif()
