# Ledger and API attacks by a plain user against a real in-process server (D12).
printline_add_gtest(NAME security_ledger_test LABEL integration
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/ledger_attack_test.cc
  LIBRARIES printline_test_server printline_test_api_client printline_model)
