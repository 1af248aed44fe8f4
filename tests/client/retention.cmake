# The profile's "keep waiting jobs N days" applied by the daemon (client_daemon_retention.cc).
printline_add_gtest(NAME client_retention_test LABEL unit
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/retention_test.cc
  LIBRARIES printline_client printline_test_peers)
