# Idle, trickling connections (a slowloris, issue 11): Get-Printer-Attributes latency of a
# well-behaved libcups client while 1,000 connections trickle header bytes, printline-server
# against a private cupsd (bench/server/private_cupsd.h), side by side.
find_package(Boost 1.74 REQUIRED)
add_executable(idle_connections_bench ${CMAKE_CURRENT_LIST_DIR}/idle_connections_bench.cc)
target_link_libraries(idle_connections_bench PRIVATE printline_test_server printline_test_peers
                      Cups::Cups Boost::headers Threads::Threads)
