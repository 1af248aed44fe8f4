# D1: the profile's server addresses, tried in order.
if(TARGET printline_test_client)
  printline_add_gtest(NAME client_server_addresses_test LABEL integration TIMEOUT 120
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/server_addresses_test.cc
    LIBRARIES printline_test_client printline_test_peers)
endif()
