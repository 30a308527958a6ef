/* <asm/percpu.h> for host unit tests. */
#ifndef HOST_ASM_PERCPU_H
#define HOST_ASM_PERCPU_H

struct arch_percpu {
	int unused;
};

#endif /* HOST_ASM_PERCPU_H */
