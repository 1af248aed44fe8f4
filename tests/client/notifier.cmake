# Desktop notifications over a real (private) D-Bus session bus.
printline_add_gtest(NAME client_desktop_notifier_test LABEL unit
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/desktop_notifier_test.cc
  LIBRARIES printline_client printline_test_peers PkgConfig::SYSTEMD)
