/*
 * vsnprintf for the kernel: %d %i %u %x %X %o %p %s %c %%, flags '-' '0',
 * field width and precision (also '*'), length modifiers hh h l ll z.
 * Always NUL-terminates when size > 0; returns the length the full
 * output would have had, as C99 says.
 */
#include <sis/printk.h>
#include <sis/string.h>

struct out {
	char *buf;
	size_t size;
	size_t len;
};

struct spec {
	bool left;
	bool zero;
	int width;
	int prec;	/* -1: none */
};

static void put(struct out *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

static void pad(struct out *o, int n, char c)
{
	while (n-- > 0)
		put(o, c);
}

static void put_str(struct out *o, const char *s, const struct spec *sp)
{
	size_t n, i;

	if (!s)
		s = "(null)";
	n = sp->prec >= 0 ? strnlen(s, sp->prec) : strlen(s);
	if (!sp->left)
		pad(o, sp->width - (int)n, ' ');
	for (i = 0; i < n; i++)
		put(o, s[i]);
	if (sp->left)
		pad(o, sp->width - (int)n, ' ');
}

static void put_num(struct out *o, unsigned long long v, bool neg, int base,
		    bool upper, const struct spec *sp, const char *prefix)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24];
	int n = 0, len, plen = (int)strlen(prefix) + (neg ? 1 : 0);

	do {
		tmp[n++] = digits[v % base];
		v /= base;
	} while (v);
	len = n + plen;
	if (!sp->left && !sp->zero)
		pad(o, sp->width - len, ' ');
	if (neg)
		put(o, '-');
	while (*prefix)
		put(o, *prefix++);
	if (!sp->left && sp->zero)
		pad(o, sp->width - len, '0');
	while (n)
		put(o, tmp[--n]);
	if (sp->left)
		pad(o, sp->width - len, ' ');
}

static const char *parse_spec(const char *f, struct spec *sp, va_list *ap)
{
	sp->left = sp->zero = false;
	sp->width = 0;
	sp->prec = -1;
	for (;; f++) {
		if (*f == '-')
			sp->left = true;
		else if (*f == '0')
			sp->zero = true;
		else
			break;
	}
	if (*f == '*') {
		sp->width = va_arg(*ap, int);
		f++;
	}
	while (*f >= '0' && *f <= '9')
		sp->width = sp->width * 10 + (*f++ - '0');
	if (*f == '.') {
		f++;
		sp->prec = 0;
		if (*f == '*') {
			sp->prec = va_arg(*ap, int);
			f++;
		}
		while (*f >= '0' && *f <= '9')
			sp->prec = sp->prec * 10 + (*f++ - '0');
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
	return (int)o.len;
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
