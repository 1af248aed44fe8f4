# What a network peer's JSON may be: depth-limited, sized, and only as application/json (D12, D13).
printline_add_gtest(NAME security_json_input_test LABEL integration
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/json_input_test.cc
  LIBRARIES printline_test_server printline_test_api_client printline_model)
