/*
 * vsnprintf for the kernel: %d %i %u %x %X %o %p %s %c %%, flags '-' '0',
 * field width and precision (also '*'), length modifiers hh h l ll z.
 * Always NUL-terminates when size > 0; returns the length the full
 * output would have had, as C99 says (at most INT_MAX).
 *
 * Formats may come from outside the kernel, so nothing in one may cost
 * more than the buffer: widths and precisions saturate at FIELD_MAX
 * (no arithmetic overflow), a negative '*' width means '-' as in C, and
 * padding writes only what fits, counting the rest (the time is bounded
 * by the buffer and the format, never by a width).
 */
#include <limits.h>
#include <sis/compiler.h>
#include <sis/printk.h>
#include <sis/string.h>

#define FIELD_MAX	INT_MAX

struct out {
	char *buf;
	size_t size;
	size_t len;
};

struct spec {
	bool left;
	bool zero;
	int width;	/* 0 .. FIELD_MAX */
	int prec;	/* -1: none, else 0 .. FIELD_MAX */
};

static void put(struct out *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

/* width - used copies of c, as many as fit written, all counted. */
static void pad(struct out *o, int width, size_t used, char c)
{
	size_t n = (size_t)width > used ? (size_t)width - used : 0;
	size_t room = o->len + 1 < o->size ? o->size - 1 - o->len : 0;

	if (MIN(n, room))
		memset(o->buf + o->len, c, MIN(n, room));
	o->len += n;
}

static void put_str(struct out *o, const char *s, const struct spec *sp)
{
	size_t n, i;

	if (!s)
		s = "(null)";
	n = sp->prec >= 0 ? strnlen(s, (size_t)sp->prec) : strlen(s);
	if (!sp->left)
		pad(o, sp->width, n, ' ');
	for (i = 0; i < n; i++)
		put(o, s[i]);
	if (sp->left)
		pad(o, sp->width, n, ' ');
}

static void put_num(struct out *o, unsigned long long v, bool neg, int base,
		    bool upper, const struct spec *sp, const char *prefix)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24];
	size_t n = 0, len;

	do {
		tmp[n++] = digits[v % base];
		v /= base;
	} while (v);
	len = n + strlen(prefix) + (neg ? 1 : 0);
	if (!sp->left && !sp->zero)
		pad(o, sp->width, len, ' ');
	if (neg)
		put(o, '-');
	while (*prefix)
		put(o, *prefix++);
	if (!sp->left && sp->zero)
		pad(o, sp->width, len, '0');
	while (n)
		put(o, tmp[--n]);
	if (sp->left)
		pad(o, sp->width, len, ' ');
}

/* Decimal digits at *f, saturating at FIELD_MAX. */
static int parse_digits(const char **f)
{
	const char *p = *f;
	int v = 0;

	for (; *p >= '0' && *p <= '9'; p++) {
		int d = *p - '0';

		v = v > (FIELD_MAX - d) / 10 ? FIELD_MAX : v * 10 + d;
	}
	*f = p;
	return v;
}

/* A width or precision: '*' (an int argument, nothing after it) or digits. */
static int parse_field(const char **f, va_list *ap)
{
	if (**f == '*') {
		(*f)++;
		return va_arg(*ap, int);
	}
	return parse_digits(f);
}

static const char *parse_spec(const char *f, struct spec *sp, va_list *ap)
{
	int w;

	sp->left = sp->zero = false;
	sp->prec = -1;
	for (;; f++) {
		if (*f == '-')
			sp->left = true;
		else if (*f == '0')
			sp->zero = true;
		else
			break;
	}
	w = parse_field(&f, ap);
	if (w < 0) {		/* C: a negative '*' width is '-' and its magnitude */
		sp->left = true;
		w = w == INT_MIN ? FIELD_MAX : -w;
	}
	sp->width = w;
	if (*f == '.') {
		f++;
		sp->prec = parse_field(&f, ap);
		if (sp->prec < 0)	/* C: a negative '*' precision is none */
			sp->prec = -1;
	}
	return f;
}

/* Length modifier: 0 int, 1 long, 2 long long, 3 size_t; skips hh/h. */
static const char *parse_length(const char *f, int *lng)
{
	*lng = 0;
	while (*f == 'h')
		f++;
	if (*f == 'z') {
		*lng = 3;
		return f + 1;
	}
	while (*f == 'l') {
		(*lng)++;
		f++;
	}
	return f;
}

static unsigned long long get_unsigned(va_list *ap, int lng)
{
	switch (lng) {
	case 0: return va_arg(*ap, unsigned int);
	case 1: return va_arg(*ap, unsigned long);
	case 3: return va_arg(*ap, size_t);
	default: return va_arg(*ap, unsigned long long);
	}
}

static long long get_signed(va_list *ap, int lng)
{
	switch (lng) {
	case 0: return va_arg(*ap, int);
	case 1: return va_arg(*ap, long);
	case 3: return (long long)va_arg(*ap, size_t);
	default: return va_arg(*ap, long long);
	}
}

static void convert(struct out *o, char c, int lng, const struct spec *sp,
		    va_list *ap)
{
	long long s;

	switch (c) {
	case 'd':
	case 'i':
		s = get_signed(ap, lng);
		put_num(o, s < 0 ? -(unsigned long long)s : (unsigned long long)s,
			s < 0, 10, false, sp, "");
		break;
	case 'u':
		put_num(o, get_unsigned(ap, lng), false, 10, false, sp, "");
		break;
	case 'x':
	case 'X':
		put_num(o, get_unsigned(ap, lng), false, 16, c == 'X', sp, "");
		break;
	case 'o':
		put_num(o, get_unsigned(ap, lng), false, 8, false, sp, "");
		break;
	case 'p':
		put_num(o, (uintptr_t)va_arg(*ap, void *), false, 16, false, sp, "0x");
		break;
	case 's':
		put_str(o, va_arg(*ap, const char *), sp);
		break;
	case 'c':
		put(o, (char)va_arg(*ap, int));
		break;
	case '%':
		put(o, '%');
		break;
	default:
		put(o, '%');
		put(o, c);
		break;
	}
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap_in)
{
	struct out o = { buf, size, 0 };
	struct spec sp;
	va_list ap;
	int lng;

	va_copy(ap, ap_in);
	while (*fmt) {
		if (*fmt != '%') {
			put(&o, *fmt++);
			continue;
		}
		fmt = parse_spec(fmt + 1, &sp, &ap);
		fmt = parse_length(fmt, &lng);
		if (!*fmt)
			break;
		convert(&o, *fmt++, lng, &sp, &ap);
	}
	va_end(ap);
	if (size)
		buf[o.len < size ? o.len : size - 1] = '\0';
	return o.len > INT_MAX ? INT_MAX : (int)o.len;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
