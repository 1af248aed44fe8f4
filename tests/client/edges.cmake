# The desktop client's edges: control protocol and socket (unit, against a recording
# stand-in of ClientService), and — with the real daemon — local IPP printer, CLI and CUPS
# backend (integration).
printline_add_gtest(NAME client_control_socket_test LABEL unit
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/control_protocol_test.cc
          ${CMAKE_CURRENT_LIST_DIR}/control_socket_test.cc
  LIBRARIES printline_client printline_test_peers)
