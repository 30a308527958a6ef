/* cpumask at 64 CPUs (see cpumask_cases.h). */
#include "cpumask_cases.h"
