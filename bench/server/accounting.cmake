# Fallback accounting sync (SPEC §5, D6): 10,000 printed-offline jobs uploaded in batches over
# HTTP to a real in-process server, then the same batches again, which must charge nothing.
if(TARGET printline_test_server AND TARGET printline_test_api_client)
  add_executable(accounting_sync_bench ${CMAKE_CURRENT_LIST_DIR}/accounting_sync_bench.cc)
  target_link_libraries(accounting_sync_bench PRIVATE printline_test_server
                        printline_test_api_client printline_core)
endif()
