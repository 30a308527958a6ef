/* Freestanding string and memory helpers (lib/string.c). */
#ifndef SIS_STRING_H
#define SIS_STRING_H

#include <sis/types.h>

void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
void *memchr(const void *s, int c, size_t n);
size_t strlen(const char *s);
size_t strnlen(const char *s, size_t max);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strchr(const char *s, int c);
size_t strlcpy(char *dst, const char *src, size_t size);
/* Parse an unsigned number (0x.. hex, else decimal); *end past its last digit. */
unsigned long long kstrtoull(const char *s, const char **end, int base);

#endif /* SIS_STRING_H */
