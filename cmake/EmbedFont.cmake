# The UI fonts, all under the SIL OFL 1.1: Noto Sans Regular and Bold for text (Debian's fonts-noto-core), Noto
# Sans Math for the arrows and operators Noto Sans lacks (√ ≤ ≈ →), Noto Sans Symbols 2 for ✓ ✗ ☐ ▶ ★, and
# OpenDyslexic Regular and Bold (fonts-opendyslexic) for the dyslexia-friendly option; merged in
# client/app/fonts.cpp. Cut down at build time by fonttools' pyftsubset to the code points below and compiled
# into the wasm as byte arrays: no extra download. The atlas rasterises only the characters a screen needs out
# of these (client/app/fonts.h), so what is embedded here decides what *can* be shown, not what memory it takes.
set(PATHWISE_FONT_DIR "/usr/share/fonts/truetype/noto" CACHE PATH
    "Folder with NotoSans-Regular.ttf, NotoSans-Bold.ttf, NotoSansMath-Regular.ttf and NotoSansSymbols2-Regular.ttf")
set(PATHWISE_DYSLEXIC_FONT_DIR "/usr/share/fonts/opentype/opendyslexic" CACHE PATH
    "Folder with OpenDyslexic-Regular.otf and OpenDyslexic-Bold.otf")
find_program(PYFTSUBSET pyftsubset REQUIRED)

# Latin with Latin-1 and Extended-A, Greek, basic Cyrillic, punctuation, super- and subscripts (CO₂, x²), the
# euro sign, vulgar fractions (½ ⅓), and the replacement character (shown for anything missing).
set(PATHWISE_TEXT_UNICODES
  "U+0020-007E,U+00A0-017F,U+0370-03FF,U+0400-045F,U+2010-2027,U+2030-205E,U+2070-209F,U+20AC,U+2150-215F,U+FFFD")
set(PATHWISE_SYMBOL_UNICODES "U+2190-21FF,U+2200-22FF")
# Media controls, geometric shapes, stars, ballot boxes, check marks and crosses.
set(PATHWISE_SYMBOL2_UNICODES "U+23F4-23FA,U+25A0-25FF,U+2605-2606,U+2610-2612,U+2713-2718,U+2B50")
# What OpenDyslexic has of the text ranges (Latin only): Greek, Cyrillic and the rest come from Noto Sans.
set(PATHWISE_DYSLEXIC_UNICODES "U+0020-007E,U+00A0-017F,U+2010-205E,U+20AC,U+2200-22FF")

# pathwise_embed_font(<target> <font file name without extension> <unicode ranges> [DIRECTORY <dir>]
# [EXTENSION <ttf|otf>]) defines the C arrays font_<name> and font_<name>_size (name lower-cased, "-" as "_"),
# e.g. font_notosans_regular. DIRECTORY defaults to PATHWISE_FONT_DIR, EXTENSION to ttf.
function(pathwise_embed_font target font unicodes)
  cmake_parse_arguments(PARSE_ARGV 3 EMBED "" "DIRECTORY;EXTENSION" "")
  if(NOT EMBED_DIRECTORY)
    set(EMBED_DIRECTORY "${PATHWISE_FONT_DIR}")
  endif()
  if(NOT EMBED_EXTENSION)
    set(EMBED_EXTENSION ttf)
  endif()
  set(source_font "${EMBED_DIRECTORY}/${font}.${EMBED_EXTENSION}")
  if(NOT EXISTS "${source_font}")
    message(FATAL_ERROR "${source_font} not found: run `bash cmake/setup.sh` or set PATHWISE_FONT_DIR / "
                        "PATHWISE_DYSLEXIC_FONT_DIR")
  endif()
  set(subset_font "${CMAKE_BINARY_DIR}/fonts/${font}-subset.${EMBED_EXTENSION}")
  string(TOLOWER "${font}" face_lower)
  string(REPLACE "-" "_" face_lower "${face_lower}")
  set(generated_cpp "${CMAKE_BINARY_DIR}/fonts/font_${face_lower}.cpp")
  # No hinting (ImGui's rasteriser ignores it), no layout tables (ImGui does no shaping), subroutines
  # flattened (smaller once gzipped, and simpler for stb_truetype's CFF reader).
  add_custom_command(OUTPUT "${subset_font}"
    COMMAND "${CMAKE_COMMAND}" -E make_directory "${CMAKE_BINARY_DIR}/fonts"
    COMMAND "${PYFTSUBSET}" "${source_font}" "--unicodes=${unicodes}"
            --no-hinting --desubroutinize --layout-features= --output-file=${subset_font}
    DEPENDS "${source_font}" "${CMAKE_SOURCE_DIR}/cmake/EmbedFont.cmake"
    COMMENT "Subsetting ${font}" VERBATIM)
  add_custom_command(OUTPUT "${generated_cpp}"
    COMMAND "${CMAKE_COMMAND}" -DINPUT=${subset_font} -DOUTPUT=${generated_cpp}
            -DSYMBOL=font_${face_lower} -P "${CMAKE_SOURCE_DIR}/cmake/embed_binary.cmake"
    DEPENDS "${subset_font}" "${CMAKE_SOURCE_DIR}/cmake/embed_binary.cmake"
    COMMENT "Embedding ${font}" VERBATIM)
  target_sources(${target} PRIVATE "${generated_cpp}")
endfunction()
