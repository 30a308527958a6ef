/* cpumask at 1 CPUs (see cpumask_cases.h). */
#include "cpumask_cases.h"
