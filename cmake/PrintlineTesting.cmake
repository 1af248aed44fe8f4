# printline_add_gtest(NAME name LABEL unit|integration SOURCES ... [LIBRARIES ...] [TIMEOUT s])
# One ctest entry per test program, so that an integration program starts its peers once.
function(printline_add_gtest)
  cmake_parse_arguments(T "" "NAME;LABEL;TIMEOUT" "SOURCES;LIBRARIES" ${ARGN})
  if(NOT T_TIMEOUT)
    set(T_TIMEOUT 300)
  endif()
  add_executable(${T_NAME} ${T_SOURCES})
  target_link_libraries(${T_NAME} PRIVATE ${T_LIBRARIES} GTest::gtest GTest::gmock GTest::gtest_main)
  add_test(NAME ${T_NAME} COMMAND ${T_NAME} --gtest_color=no)
  # A program with any GTEST_SKIP counts as skipped, not passed: scripts/test.sh reports skips
  # apart, and in CI a skip is a failure (a missing peer must not pass as green).
  set_tests_properties(${T_NAME} PROPERTIES LABELS ${T_LABEL} TIMEOUT ${T_TIMEOUT}
                       SKIP_REGULAR_EXPRESSION "\\[  SKIPPED \\]")
endfunction()

# A suite that cannot be built here (its tool or library is missing): a note for a developer,
# a configure error where every suite must run (-DPRINTLINE_REQUIRE_ALL_SUITES=ON, as
# scripts/test.sh sets in CI).
function(printline_suite_unavailable what why)
  if(PRINTLINE_REQUIRE_ALL_SUITES)
    message(FATAL_ERROR "${what} cannot be built: ${why}. Run scripts/install-deps.sh.")
  endif()
  message(STATUS "${what} is left out: ${why} (scripts/install-deps.sh installs it)")
endfunction()

# Adds every listed subdirectory that has a CMakeLists.txt, so a layer's tests, fuzzers and
# benchmarks plug in by existing.
function(printline_add_existing_subdirectories)
  foreach(dir ${ARGN})
    if(EXISTS ${CMAKE_CURRENT_SOURCE_DIR}/${dir}/CMakeLists.txt)
      add_subdirectory(${dir})
    endif()
  endforeach()
endfunction()
