# The IPP queues end to end: an in-process server, real ippeveprinter behind a direct queue,
# libcups and CUPS ipptool as clients.
printline_add_gtest(NAME ipp_queue_test LABEL integration TIMEOUT 600
  SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/ipp_queue_test.cc ${CMAKE_CURRENT_SOURCE_DIR}/ipp_test_client.cc
          ${CMAKE_CURRENT_SOURCE_DIR}/job_test_fixture.cc
  LIBRARIES printline_test_server printline_test_peers)
