/*
 * The arch half of a task switch (arch/<arch>/switch.S). Only the
 * callee-saved registers are saved (the kernel is built without FP/SIMD),
 * on the outgoing task's own stack; the stack pointer is all a task's
 * saved context is.
 */
#ifndef SIS_SWITCH_H
#define SIS_SWITCH_H

struct task;

/*
 * Save the callee-saved registers on the current stack, store the stack
 * pointer in *save_sp, load load_sp and return into the task saved
 * there. Returns, in the resumed task, the prev given by the task that
 * switched to it.
 */
struct task *arch_context_switch(void **save_sp, void *load_sp, struct task *prev);
/*
 * Build on a fresh stack (top, 16-byte aligned) a frame that
 * arch_context_switch() resumes into task_entry(prev); returns its sp.
 */
void *arch_task_stack_init(void *top);
/* C entry of a new task (kernel/sched/core.c), called by the arch stub. */
__attribute__((noreturn)) void task_entry(struct task *prev);

#endif /* SIS_SWITCH_H */
