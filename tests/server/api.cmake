# REST API /api/v1: integration tests against a real in-process server (RunningServer), with
# real printer peers for the fallback test (D9).
add_library(printline_test_api_client STATIC ${CMAKE_CURRENT_LIST_DIR}/api_test_client.cc)
target_include_directories(printline_test_api_client PUBLIC ${PROJECT_SOURCE_DIR}/tests)
target_link_libraries(printline_test_api_client PUBLIC PkgConfig::HTTPLIB nlohmann_json::nlohmann_json)

printline_add_gtest(NAME api_test LABEL integration
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/api_session_test.cc
          ${CMAKE_CURRENT_LIST_DIR}/api_roles_test.cc
          ${CMAKE_CURRENT_LIST_DIR}/api_profiles_test.cc
          ${CMAKE_CURRENT_LIST_DIR}/api_fallback_accounting_test.cc
          ${CMAKE_CURRENT_LIST_DIR}/api_admin_test.cc
          ${CMAKE_CURRENT_LIST_DIR}/api_fallback_test_test.cc
          ${CMAKE_CURRENT_LIST_DIR}/api_held_jobs_test.cc
          ${CMAKE_CURRENT_LIST_DIR}/api_refund_test.cc
          ${CMAKE_CURRENT_LIST_DIR}/api_release_station_test.cc
          ${CMAKE_CURRENT_LIST_DIR}/http_listener_test.cc
  LIBRARIES printline_test_server printline_test_api_client printline_test_peers)
# D14: the server answers in each user's language from this build's catalogs.
target_compile_definitions(api_test PRIVATE PRINTLINE_TEST_LOCALEDIR="${CMAKE_BINARY_DIR}/locale")
if(TARGET printline_translations)
  add_dependencies(api_test printline_translations)
endif()

printline_add_gtest(NAME api_docs_test LABEL unit
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/api_docs_test.cc
  LIBRARIES printline_server)
target_compile_definitions(api_docs_test PRIVATE PRINTLINE_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
