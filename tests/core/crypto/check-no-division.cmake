# SPDX-License-Identifier: GPL-3.0-or-later
# Fails when the ML-KEM objects compiled at -Os (where GCC turns `/ q` into a `div`, as KyberSlash
# found compilers doing) contain an integer division: its timing depends on the operands.
# Usage: cmake -DOBJDUMP=... -DOBJECTS="a.o;b.o" -P check-no-division.cmake
foreach(object IN LISTS OBJECTS)
  execute_process(COMMAND ${OBJDUMP} -d --no-show-raw-insn ${object} OUTPUT_VARIABLE listing RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "objdump failed on ${object}")
  endif()
  string(REGEX MATCHALL "[^\n]*\t(div|idiv)[a-z]*[ \t][^\n]*" divisions "${listing}")
  if(divisions)
    list(JOIN divisions "\n" shown)
    message(FATAL_ERROR "${object} divides (variable-time on secret data):\n${shown}")
  endif()
  message(STATUS "${object}: no division instruction")
endforeach()
