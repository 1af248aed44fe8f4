# Directory sync (docs/directory.md): a complete, a repeated and an incremental sync of a real
# OpenLDAP holding 20,000 accounts, against ldapsearch reading the same entries.
if(TARGET printline_directory AND TARGET printline_test_peers)
  add_executable(directory_sync_bench ${CMAKE_CURRENT_LIST_DIR}/directory_sync_bench.cc)
  target_link_libraries(directory_sync_bench PRIVATE printline_directory printline_test_peers)
endif()
