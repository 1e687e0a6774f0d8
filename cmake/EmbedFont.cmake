# The UI fonts (SIL OFL 1.1, Debian's fonts-noto-core): Noto Sans Regular and Bold for text, and Noto Sans Math
# for the arrows and operators Noto Sans lacks (√ ≤ ≈ → ...), merged into both in client/app/fonts.cpp. Cut down
# at build time by fonttools' pyftsubset to the scripts the UI shows today and compiled into the wasm as byte
# arrays: no extra download, ~25 KB gzip per face instead of ~250.
set(PATHWISE_FONT_DIR "/usr/share/fonts/truetype/noto" CACHE PATH "Folder with NotoSans-Regular.ttf, NotoSans-Bold.ttf and NotoSansMath-Regular.ttf")
find_program(PYFTSUBSET pyftsubset REQUIRED)

# Keep in sync with the glyph ranges in client/app/fonts.cpp: a code point listed there but cut here would
# render as a box.
set(PATHWISE_TEXT_UNICODES
  "U+0020-007E,U+00A0-017F,U+0370-03FF,U+0400-045F,U+2010-2027,U+2030-205E,U+20AC")
set(PATHWISE_SYMBOL_UNICODES "U+2190-2199,U+2200-22FF")

# pathwise_embed_font(<target> <font file name without .ttf> <unicode ranges>) defines the C arrays
# font_<name> and font_<name>_size (name lower-cased, "-" as "_"), e.g. font_notosans_regular.
function(pathwise_embed_font target font unicodes)
  set(face "${font}")
  set(source_ttf "${PATHWISE_FONT_DIR}/${font}.ttf")
  if(NOT EXISTS "${source_ttf}")
    message(FATAL_ERROR "${source_ttf} not found: run `bash cmake/setup.sh` or set PATHWISE_FONT_DIR")
  endif()
  set(subset_ttf "${CMAKE_BINARY_DIR}/fonts/${font}-subset.ttf")
  string(TOLOWER "${font}" face_lower)
  string(REPLACE "-" "_" face_lower "${face_lower}")
  set(generated_cpp "${CMAKE_BINARY_DIR}/fonts/font_${face_lower}.cpp")
  add_custom_command(OUTPUT "${subset_ttf}"
    COMMAND "${CMAKE_COMMAND}" -E make_directory "${CMAKE_BINARY_DIR}/fonts"
    COMMAND "${PYFTSUBSET}" "${source_ttf}" "--unicodes=${unicodes}"
            --no-hinting --desubroutinize --layout-features= --output-file=${subset_ttf}
    DEPENDS "${source_ttf}" "${CMAKE_SOURCE_DIR}/cmake/EmbedFont.cmake"
    COMMENT "Subsetting ${font}" VERBATIM)
  add_custom_command(OUTPUT "${generated_cpp}"
    COMMAND "${CMAKE_COMMAND}" -DINPUT=${subset_ttf} -DOUTPUT=${generated_cpp}
            -DSYMBOL=font_${face_lower} -P "${CMAKE_SOURCE_DIR}/cmake/embed_binary.cmake"
    DEPENDS "${subset_ttf}" "${CMAKE_SOURCE_DIR}/cmake/embed_binary.cmake"
    COMMENT "Embedding ${font}" VERBATIM)
  target_sources(${target} PRIVATE "${generated_cpp}")
endfunction()
