# CUPS's own lp through a private Debian cupsd into the desktop client: the printline:/
# backend and the local IPP printer (integration).
if(TARGET printline_test_client AND TARGET printline-cups-backend)
  printline_add_gtest(NAME client_cups_path_test LABEL integration TIMEOUT 300
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/cups_path_test.cc
    LIBRARIES printline_test_client printline_test_peers)
  target_compile_definitions(client_cups_path_test PRIVATE
    PRINTLINE_CUPS_BACKEND="$<TARGET_FILE:printline-cups-backend>")
  add_dependencies(client_cups_path_test printline-cups-backend)
  # The ticket tests print a colour PDF made with the analysis tests' builder.
  target_include_directories(client_cups_path_test PRIVATE ${PROJECT_SOURCE_DIR}/tests/analysis)
endif()
