/*
 * Where a CPU released from its spin table lands (drivers/cpu/spin-table.c).
 * The firmware's armstub (and QEMU's raspi boot stub) jumps to the
 * address it finds in cpu-release-addr with x0-x3 zero: nothing says
 * which CPU arrived or where its struct percpu is. So each logical CPU
 * gets an entry of its own, two instructions: its number into x9, then
 * the common part, which loads the CPU's argument and the kernel's
 * secondary entry from spin_table_args / spin_table_jump (both cleaned
 * to the point of coherency by the releasing CPU: the MMU is off here,
 * so these loads go to memory) and jumps there with x0 = the argument.
 * MMU off, any EL: PC-relative addressing only.
 */
#define SPIN_ENTRY_SIZE	8	/* spin-table.c's copy */

	.text
	.balign	8
	.globl	spin_table_entries
spin_table_entries:
	.set	cpu, 0
	.rept	CONFIG_MAX_CPUS
	mov	x9, #cpu
	b	spin_table_common
	.set	cpu, cpu + 1
	.endr

spin_table_common:
	adrp	x10, spin_table_args
	add	x10, x10, :lo12:spin_table_args
	ldr	x0, [x10, x9, lsl #3]
	adrp	x10, spin_table_jump
	add	x10, x10, :lo12:spin_table_jump
	ldr	x10, [x10]
	br	x10
