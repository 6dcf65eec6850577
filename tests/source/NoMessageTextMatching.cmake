# SPDX-License-Identifier: GPL-3.0-or-later
# Fails when code in core/, app/ or ui/ looks inside an error message's text (find, contains,
# indexOf, starts_with … on `.message`), which breaks as soon as a message is reworded or
# translated. Callers use Error::code and Error::reason instead.
file(GLOB_RECURSE sources "${ROOT}/core/*.cpp" "${ROOT}/core/*.h" "${ROOT}/app/*.cpp" "${ROOT}/app/*.h"
     "${ROOT}/ui/*.cpp" "${ROOT}/ui/*.h")
set(pattern "message(\\(\\))?\\)?\\.(find|rfind|contains|indexOf|starts_with|startsWith|ends_with|endsWith|compare)\\(")
set(found "")
foreach(source IN LISTS sources)
  file(READ "${source}" text)
  # Lines hold ';' (a list separator in CMake): count matches in the whole text instead.
  string(REGEX MATCHALL "${pattern}" matches "${text}")
  list(LENGTH matches count)
  if(count GREATER 0)
    string(APPEND found "\n  ${source}: ${count}")
  endif()
endforeach()
if(found)
  message(FATAL_ERROR "Error messages compared as text (branch on code/reason instead):${found}")
endif()
message(STATUS "No error message is compared as text in ${ROOT}/{core,app,ui}")
