# D13, local endpoints for their owner only: a second local uid (useradd, runuser) against the
# local IPP printer, a DNS-rebound Host, and the root CUPS backend against a link or an
# impostor socket in the job's user's directory.
if(TARGET printline_test_client AND TARGET printline-cups-backend)
  printline_add_gtest(NAME security_local_endpoints_test LABEL integration TIMEOUT 300
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/local_endpoints_test.cc
    LIBRARIES printline_test_client printline_test_peers)
  target_compile_definitions(security_local_endpoints_test PRIVATE
    PRINTLINE_CUPS_BACKEND="$<TARGET_FILE:printline-cups-backend>")
  add_dependencies(security_local_endpoints_test printline-cups-backend)
endif()
