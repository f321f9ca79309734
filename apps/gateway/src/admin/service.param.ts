import { Injectable, PipeTransform } from '@nestjs/common';
import { NotFoundError, SERVICES, ServiceName } from '@app/contracts';

/** A service named in a path; one the suite does not have is simply not found (404), like an id. */
@Injectable()
export class ServiceParam implements PipeTransform<string, ServiceName> {
  transform(value: string): ServiceName {
    const service = SERVICES.find((name) => name === value);
    if (!service) throw new NotFoundError('The service');
    return service;
  }
}
