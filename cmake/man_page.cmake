# A program's manual page, made by help2man from its --help and --version (cmake -P):
#   -DPROGRAM=/path/to/prog -DNAME="one line" -DOUT=prog.1.gz
# A program with subcommands (CLI11 lists them under "Subcommands:") gets each one's --help in a
# COMMANDS section, since that is where its options are. Gzipped with -9n, as Debian wants it.
get_filename_component(dir ${PROGRAM} DIRECTORY)
get_filename_component(prog ${PROGRAM} NAME)
# Called by its bare name, so the page says "Usage: reception-admin", not the build's path.
set(ENV{PATH} "${dir}:$ENV{PATH}")
execute_process(COMMAND ${prog} --help OUTPUT_VARIABLE help RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${prog} --help failed (${rc})")
endif()

# troff: a backslash is written \e, and a line may not start with a dot or a quote.
function(as_troff text out)
    string(REPLACE "\\" "\\e" text "${text}")
    string(REGEX REPLACE "(^|\n)([.'])" "\\1\\\\&\\2" text "${text}")
    set(${out} "${text}" PARENT_SCOPE)
endfunction()

set(include "[SEE ALSO]\nThe administrator's guide: /usr/share/doc/reception-data/install.md\n")
string(APPEND include "[ENVIRONMENT]\n.TP\n.B RECEPTION_ASSETS\nthe data folder (regulation "
       "profiles, calendars, translations) instead of ../share/reception beside the program\n")
if(help MATCHES "\nSubcommands:\n(.*)$")
    string(APPEND include "[COMMANDS]\n")
    string(REPLACE "\n" ";" lines "${CMAKE_MATCH_1}")
    foreach(line IN LISTS lines)
        if(line MATCHES "^  ([a-z][a-z0-9-]*)")
            set(sub ${CMAKE_MATCH_1})
            execute_process(COMMAND ${prog} ${sub} --help OUTPUT_VARIABLE sub_help)
            as_troff("${sub_help}" sub_help)
            string(APPEND include ".SS ${sub}\n.nf\n${sub_help}\n.fi\n")
        endif()
    endforeach()
endif()
get_filename_component(out_dir ${OUT} DIRECTORY)
file(MAKE_DIRECTORY ${out_dir})
set(page ${out_dir}/${prog}.1)
file(WRITE ${page}.include "${include}")
execute_process(COMMAND help2man --no-info --no-discard-stderr --section=1
                        "--name=${NAME}" --include=${page}.include --output=${page} ${prog}
                RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "help2man ${prog} failed (${rc})")
endif()
execute_process(COMMAND gzip -9nf ${page} RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "gzip ${page} failed")
endif()
