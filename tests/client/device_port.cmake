# FP-6: the profile's device port (RAW, LPR, IPP) against each protocol's real peer.
if(TARGET printline_test_client)
  printline_add_gtest(NAME client_device_port_test LABEL integration TIMEOUT 300
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/device_port_test.cc
    LIBRARIES printline_test_client printline_test_peers)
endif()
