/*
 * Intrusive doubly linked circular lists: a struct list_node is embedded
 * in the object, a list head is a node pointing at itself when empty.
 * No locking here: each list's owner says which lock guards it.
 */
#ifndef SIS_LIST_H
#define SIS_LIST_H

#include <sis/compiler.h>
#include <sis/types.h>

struct list_node {
	struct list_node *next, *prev;
};

#define LIST_HEAD_INIT(name)	{ &(name), &(name) }

static inline void list_init(struct list_node *head)
{
	head->next = head;
	head->prev = head;
}

static inline bool list_empty(const struct list_node *head)
{
	return head->next == head;
}

static inline void __list_insert(struct list_node *n, struct list_node *prev,
				 struct list_node *next)
{
	n->prev = prev;
	n->next = next;
	prev->next = n;
	next->prev = n;
}

/* Insert n at the tail of head (before head). */
static inline void list_add_tail(struct list_node *n, struct list_node *head)
{
	__list_insert(n, head->prev, head);
}

/* Insert n at the front of head. */
static inline void list_add(struct list_node *n, struct list_node *head)
{
	__list_insert(n, head, head->next);
}

/* Unlink n and leave it pointing at itself (list_empty(n) then holds). */
static inline void list_del(struct list_node *n)
{
	n->prev->next = n->next;
	n->next->prev = n->prev;
	list_init(n);
}

#define list_entry(ptr, type, member)	container_of(ptr, type, member)
#define list_first_entry(head, type, member) list_entry((head)->next, type, member)
#define list_last_entry(head, type, member) list_entry((head)->prev, type, member)

#define list_for_each_safe(pos, tmp, head) \
	for ((pos) = (head)->next, (tmp) = (pos)->next; (pos) != (head); \
	     (pos) = (tmp), (tmp) = (pos)->next)

#endif /* SIS_LIST_H */
