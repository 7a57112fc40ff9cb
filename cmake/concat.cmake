# Concatenates files in order:
#   cmake -DOUT=file -DPARTS="a|b|c" -P concat.cmake
# embed.cmake joins the map's script parts (src/output/html/js/) with it into
# the one script the page inlines.
string(REPLACE "|" ";" _parts "${PARTS}")
set(_text "")
foreach(_part IN LISTS _parts)
  file(READ "${_part}" _content)
  string(APPEND _text "${_content}")
endforeach()
file(WRITE "${OUT}.tmp" "${_text}")
file(RENAME "${OUT}.tmp" "${OUT}")
