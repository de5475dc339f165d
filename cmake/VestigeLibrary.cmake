# vestige_add_library(NAME DIR): a static library from DIR/src/*.cc with public headers in
# DIR/include. Sources are globbed so parallel work on one library does not fight over a list.
function(vestige_add_library name dir)
  file(GLOB _srcs CONFIGURE_DEPENDS "${dir}/src/*.cc")
  add_library(${name} STATIC ${_srcs})
  target_include_directories(${name} PUBLIC "${dir}/include" PRIVATE "${dir}/src")
  target_link_libraries(${name} PRIVATE vestige_warnings)
endfunction()
