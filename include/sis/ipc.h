/*
 * IPC ports (kernel/ipc.c): bounded FIFO queues of fixed-size messages
 * between tasks, on any CPUs. port_send() blocks while the port is full,
 * port_recv() while it is empty; the try_ variants return -EAGAIN
 * instead. Messages arrive in the order they were sent, each exactly
 * once. port_close() wakes every waiter: senders get -EPIPE at once,
 * receivers get the messages still queued, then -EPIPE. A receiver on
 * another core is woken through IPI_RESCHEDULE.
 *
 * Lifetime: port_destroy() after every user is done with the port
 * (close it first to chase blocked tasks away).
 *
 *	struct port *p = port_create(64);
 *	struct msg m = { .tag = 1, .w = { 42 } };
 *	port_send(p, &m);			// task A
 *	port_recv(p, &m);			// task B, any core
 */
#ifndef SIS_IPC_H
#define SIS_IPC_H

#include <sis/abi.h>		/* struct msg */
#include <sis/types.h>

/* The largest capacity port_create() accepts. */
#define PORT_MAX_CAPACITY	4096

struct port;

/* NULL for a capacity of 0 or above PORT_MAX_CAPACITY, or no memory. */
struct port *port_create(unsigned int capacity);
void port_destroy(struct port *p);
/* 0, or -EPIPE once the port is closed. */
int port_send(struct port *p, const struct msg *m);
/* 0, or -EPIPE when the port is closed and drained. */
int port_recv(struct port *p, struct msg *m);
/* As above, -EAGAIN where they would block. */
int port_try_send(struct port *p, const struct msg *m);
int port_try_recv(struct port *p, struct msg *m);
/* Refuse further sends and wake every waiter. Idempotent. */
void port_close(struct port *p);
/* Messages queued now (a snapshot). */
unsigned int port_count(struct port *p);

#endif /* SIS_IPC_H */
