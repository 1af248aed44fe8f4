# kill -9 of the real printline-client and printline-server at each durable step
# (PRINTLINE_CRASH_AT), then restart: every job printed once and charged once.
if(TARGET printline_client AND TARGET printline-server AND TARGET printline-client)
  printline_add_gtest(NAME client_crash_test LABEL integration TIMEOUT 600
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/crash_test.cc
    LIBRARIES printline_client printline_store printline_test_peers)
  target_compile_definitions(client_crash_test PRIVATE
    PRINTLINE_SERVER="$<TARGET_FILE:printline-server>"
    PRINTLINE_CLIENT="$<TARGET_FILE:printline-client>")
  add_dependencies(client_crash_test printline-server printline-client)
endif()
