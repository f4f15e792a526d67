/**
 * What every Sluice Lambda function has in common on AWS, whether it runs jobs or the Jobs API: its log group, its
 * role and the runtime settings of the function itself.
 */
package io.sluice.infra.lambda;
