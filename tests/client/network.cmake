# D1 against a server whose packets are dropped: the program runs in its own network
# namespace (root and nftables needed; skipped with the reason otherwise).
if(TARGET printline_test_client)
  printline_add_gtest(NAME client_network_test LABEL integration TIMEOUT 300
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/client_network_test.cc
    LIBRARIES printline_test_client)
endif()
