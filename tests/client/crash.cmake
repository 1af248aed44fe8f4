# kill -9 of the real printline-client and printline-server at each durable step
# (PRINTLINE_CRASH_AT), then restart: every job printed once and charged once.
if(TARGET printline_client AND TARGET printline-server AND TARGET printline-client AND
   TARGET printline)
  printline_add_gtest(NAME client_crash_test LABEL integration TIMEOUT 600
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/crash_test.cc
    LIBRARIES printline_client printline_store printline_test_peers)
  target_compile_definitions(client_crash_test PRIVATE
    PRINTLINE_SERVER="$<TARGET_FILE:printline-server>"
    PRINTLINE_CLIENT="$<TARGET_FILE:printline-client>"
    PRINTLINE_LOCALEDIR="${CMAKE_BINARY_DIR}/locale"
    PRINTLINE_CLI="$<TARGET_FILE:printline>")
  add_dependencies(client_crash_test printline-server printline-client printline)
  if(TARGET printline_translations)
    add_dependencies(client_crash_test printline_translations)
  endif()
endif()

# The soak (soak_test.cc): a few hundred jobs through two real daemons while the server hangs
# (SIGSTOP) and the daemons are killed with -9; then every job printed at most once, charged
# once when printed, none lost, the rest waiting with a reason (about two minutes). Its
# server-down variant is disabled in the file, with the two windows it still finds.
if(TARGET printline_client AND TARGET printline-server AND TARGET printline-client)
  printline_add_gtest(NAME client_soak_test LABEL integration TIMEOUT 900
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/soak_test.cc
    LIBRARIES printline_client printline_store printline_test_peers)
  target_compile_definitions(client_soak_test PRIVATE
    PRINTLINE_SERVER="$<TARGET_FILE:printline-server>"
    PRINTLINE_CLIENT="$<TARGET_FILE:printline-client>")
  add_dependencies(client_soak_test printline-server printline-client)
endif()
