/*
 * The .config this kernel was built with, for the shell's config
 * command (as Linux's IKCONFIG): the file as it is, NUL-terminated.
 */
#include <generated/config_data.h>

	.section .rodata, "a"
	.globl	sis_config_data
sis_config_data:
	.incbin	SIS_CONFIG_FILE
	.byte	0
