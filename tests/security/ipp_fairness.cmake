# One user's IPP Create-Jobs cannot block everyone's (D13): a real in-process server.
printline_add_gtest(NAME security_ipp_fairness_test LABEL integration
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/ipp_fairness_test.cc
          ${PROJECT_SOURCE_DIR}/tests/server/ipp_test_client.cc
  LIBRARIES printline_test_server printline_store printline_ipp)
