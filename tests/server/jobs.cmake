# The job pipeline against SQLite in a temporary directory and real RAW peers.
printline_add_gtest(NAME job_service_test LABEL unit
  SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/job_service_test.cc ${CMAKE_CURRENT_SOURCE_DIR}/job_test_fixture.cc
  LIBRARIES printline_test_server printline_test_peers)

# D11: the server's delivery to real ippeveprinters with the job's ticket, and a refusal.
printline_add_gtest(NAME job_ticket_delivery_test LABEL integration TIMEOUT 180
  SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/job_ticket_delivery_test.cc ${CMAKE_CURRENT_SOURCE_DIR}/job_test_fixture.cc
  LIBRARIES printline_test_server printline_test_peers)

# D11: IPP printers asked again what they can do, against real ippeveprinters.
printline_add_gtest(NAME capability_refresh_test LABEL integration TIMEOUT 60
  SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/capability_refresh_test.cc ${CMAKE_CURRENT_SOURCE_DIR}/job_test_fixture.cc
  LIBRARIES printline_test_server printline_test_peers)

# A send cut off by a server stop, settled by the IPP printer's own job list (real
# ippeveprinters): printed and charged, printed again, or left held.
printline_add_gtest(NAME interrupted_delivery_test LABEL integration TIMEOUT 180
  SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/interrupted_delivery_test.cc ${CMAKE_CURRENT_SOURCE_DIR}/job_test_fixture.cc
  LIBRARIES printline_test_server printline_test_peers)
