# Several nodes behind a load balancer (issue 15): two real printline-server processes on one
# real PostgreSQL behind a real HAProxy (Debian's haproxy, installed by scripts/install-deps.sh),
# one killed with -9 under load and restarted, one drained through HAProxy's runtime API; and
# `haproxy -c` on the shipped example packaging/haproxy/printline.cfg.
find_program(PRINTLINE_HAPROXY haproxy PATHS /usr/sbin /sbin)
if(LIBPQXX_FOUND AND TARGET printline-server)
  if(NOT PRINTLINE_HAPROXY)
    printline_suite_unavailable("balancer_test" "haproxy not found")
    return()
  endif()
  printline_add_gtest(NAME balancer_test LABEL integration TIMEOUT 300
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/balancer_test.cc
            ${CMAKE_CURRENT_LIST_DIR}/balancer_process.cc
            ${CMAKE_CURRENT_LIST_DIR}/ipp_test_client.cc
            ${CMAKE_CURRENT_LIST_DIR}/server_process.cc
    LIBRARIES printline_test_api_client printline_test_peers printline_ipp printline_model
              printline_core PkgConfig::LIBPQXX)
  target_compile_definitions(balancer_test PRIVATE
    PRINTLINE_SERVER_BINARY="$<TARGET_FILE:printline-server>"
    PRINTLINE_HAPROXY="${PRINTLINE_HAPROXY}"
    PRINTLINE_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
  add_dependencies(balancer_test printline-server)
endif()
