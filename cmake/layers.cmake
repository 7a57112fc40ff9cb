# The engine's layers, one static library each, linked only downward.
#
# Each layer's headers are reachable only by the layers above it: a layer
# compiles with an include folder that holds a link to its own source folder
# and, through its dependencies, those of the layers below; an upward
# #include ("analysis/..." from journey/) is a file that is not found, so it
# fails to build. The order of data flow (README, "Architecture"):
#
#   core <- spec <- reader, journey <- storage, analysis <- map <- output
#   analysis <- personas (cjm personas: customers grouped by behaviour) <- map
#   core <- generate;   reader, journey <- draft (cjm init's guesses);
#   app sits on every layer but output;   server (cjm serve) on app and output;
#   cli on all.
#
# Provides cjm_<layer> for each layer and cjm_all, every layer together (for
# the command line, the tests, the fuzz targets and the benchmarks).

set(CJM_LAYERS core spec reader journey storage analysis personas map output generate draft app
    server)
set(CJM_LAYER_DEPS_core "")
set(CJM_LAYER_DEPS_spec core)
set(CJM_LAYER_DEPS_reader core spec)
set(CJM_LAYER_DEPS_journey core spec)
set(CJM_LAYER_DEPS_storage core journey)
set(CJM_LAYER_DEPS_analysis core spec journey)
set(CJM_LAYER_DEPS_personas analysis)
set(CJM_LAYER_DEPS_map analysis personas)
set(CJM_LAYER_DEPS_output map)
set(CJM_LAYER_DEPS_generate core)
set(CJM_LAYER_DEPS_draft reader journey)
set(CJM_LAYER_DEPS_app reader storage map draft)
set(CJM_LAYER_DEPS_server app output)

foreach(layer IN LISTS CJM_LAYERS)
  set(include_dir "${CMAKE_BINARY_DIR}/layers/${layer}")
  file(MAKE_DIRECTORY "${include_dir}")
  file(CREATE_LINK "${CMAKE_SOURCE_DIR}/src/${layer}" "${include_dir}/${layer}" SYMBOLIC)
  file(GLOB_RECURSE sources CONFIGURE_DEPENDS "${CMAKE_SOURCE_DIR}/src/${layer}/*.cpp")
  if(layer STREQUAL "output")
    list(APPEND sources ${CJM_EMBED_SOURCE})
  endif()
  add_library(cjm_${layer} STATIC ${sources})
  target_include_directories(cjm_${layer} PUBLIC "${include_dir}")
  target_compile_options(cjm_${layer} PRIVATE ${CJM_WARNINGS})
  foreach(dep IN LISTS CJM_LAYER_DEPS_${layer})
    target_link_libraries(cjm_${layer} PUBLIC cjm_${dep})
  endforeach()
endforeach()
target_link_libraries(cjm_core PUBLIC fmt::fmt yaml-cpp simdjson::simdjson
                      nlohmann_json::nlohmann_json PkgConfig::XXHASH Threads::Threads)
target_link_libraries(cjm_personas PUBLIC Eigen3::Eigen)
# The HTTP server library (Debian's cpp-httplib, built with zlib for gzip
# bodies and OpenSSL for TLS): only the server layer uses it.
target_link_libraries(cjm_server PUBLIC PkgConfig::HTTPLIB)
# PostgreSQL as a source (reader/pg_*): libpq's COPY.
target_link_libraries(cjm_reader PUBLIC PkgConfig::LIBPQ)

add_library(cjm_all INTERFACE)
foreach(layer IN LISTS CJM_LAYERS)
  target_link_libraries(cjm_all INTERFACE cjm_${layer})
endforeach()
