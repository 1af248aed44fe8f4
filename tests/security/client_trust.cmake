# D13, TLS verified on every client connection: a real man in the middle between a real client
# daemon (in-process and the printline-client program) and a real printline-server with TLS.
if(TARGET printline_test_client AND TARGET printline AND TARGET printline-client)
  printline_add_gtest(NAME security_client_trust_test LABEL integration TIMEOUT 300
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/client_trust_test.cc
            ${CMAKE_CURRENT_LIST_DIR}/tls_interceptor.cc
    LIBRARIES printline_test_client printline_test_peers OpenSSL::SSL)
  target_include_directories(security_client_trust_test PRIVATE ${PROJECT_SOURCE_DIR}/tests)
  target_compile_definitions(security_client_trust_test PRIVATE
    PRINTLINE_CLI="$<TARGET_FILE:printline>"
    PRINTLINE_CLIENT="$<TARGET_FILE:printline-client>")
  add_dependencies(security_client_trust_test printline printline-client)
endif()
