import { ArgumentsHost, Catch, LoggerService, RpcExceptionFilter } from '@nestjs/common';
import { Observable, throwError } from 'rxjs';
import { toWireError } from './wire-error.mapper';

/** Every failure of a message handler leaves the service as one WireError, never as a stack trace. */
@Catch()
export class RpcErrorFilter implements RpcExceptionFilter<unknown> {
  constructor(private readonly logger: LoggerService) {}

  catch(exception: unknown, _host: ArgumentsHost): Observable<never> {
    const wire = toWireError(exception, this.logger);
    return throwError(() => wire);
  }
}
