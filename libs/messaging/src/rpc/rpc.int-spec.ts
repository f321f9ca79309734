import { randomBytes } from 'node:crypto';
import { Controller, INestMicroservice, Logger, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { MessagePattern } from '@nestjs/microservices';
import { IsString, Length } from 'class-validator';
import { connect, NatsConnection } from 'nats';
import { reply, rpcOperation } from '@app/contracts';
import { TEST_NATS_URL } from '@test/support/test-nats';
import { NatsNamespace } from '../nats-namespace';
import { natsServers } from '../nats-servers';
import { HandlesRpc } from './handles-rpc.decorator';
import { InFlightTracker } from './in-flight.tracker';
import { NatsRpcClient } from './nats-rpc.client';
import { RpcErrorFilter } from './rpc-error.filter';
import { TrackedNatsServer } from './tracked-nats.server';
import { RemoteError } from './wire-error.mapper';

class GreetRequest {
  @IsString()
  @Length(1, 20)
  name: string;
}

interface GreetReply {
  greeting: string;
}

const Greet = rpcOperation('greeter.greeting.make', GreetRequest, reply<GreetReply>('GreetReply'));

/** A service whose answer says which copy answered, so a test can tell namespaces apart. */
function greeterModule(copy: string) {
  @Controller()
  class GreeterController {
    @HandlesRpc(Greet)
    greet(request: GreetRequest): GreetReply {
      return { greeting: `${copy}: hello, ${request.name}` };
    }
  }
  @Module({ controllers: [GreeterController] })
  class GreeterModule {}
  return GreeterModule;
}

@Controller()
class UndeclaredController {
  @MessagePattern('greeter.secret.read')
  read(): string {
    return 'nobody declared this';
  }
}

@Module({ controllers: [UndeclaredController] })
class UndeclaredModule {}

describe('request-reply through declared operations', () => {
  const run = randomBytes(4).toString('hex');
  const started: INestMicroservice[] = [];
  let nc: NatsConnection;

  async function startGreeter(module: unknown, namespace: NatsNamespace): Promise<INestMicroservice> {
    const options = { ...natsServers(TEST_NATS_URL), queue: namespace.queue('greeter') };
    const app = await NestFactory.createMicroservice(module as never, {
      strategy: new TrackedNatsServer(options, new InFlightTracker(), undefined, namespace),
      logger: false,
    });
    app.useGlobalFilters(new RpcErrorFilter(new Logger('test')));
    started.push(app);
    await app.listen();
    return app;
  }

  beforeAll(async () => {
    nc = await connect(natsServers(TEST_NATS_URL));
  });

  afterAll(async () => {
    await Promise.all(started.map((app) => app.close()));
    await nc.drain();
  });

  it('keeps two deployments on one NATS apart by their prefix', async () => {
    const blue = new NatsNamespace(`blue${run}`);
    const green = new NatsNamespace(`green${run}`);
    await startGreeter(greeterModule('blue'), blue);
    await startGreeter(greeterModule('green'), green);
    const asBlue = new NatsRpcClient(nc, 2000, undefined, blue);
    const asGreen = new NatsRpcClient(nc, 2000, undefined, green);
    for (let i = 0; i < 10; i += 1) {
      expect(await asBlue.call(Greet, { name: 'Айгуль' })).toEqual({ greeting: 'blue: hello, Айгуль' });
      expect(await asGreen.call(Greet, { name: 'Айгуль' })).toEqual({ greeting: 'green: hello, Айгуль' });
    }
    // Nobody answers outside both namespaces: a 503, not the other deployment's answer.
    await expect(new NatsRpcClient(nc, 300).call(Greet, { name: 'x' })).rejects.toMatchObject({
      status: 503,
    });
  });

  it('validates a request against the operation’s class before the handler sees it', async () => {
    const namespace = new NatsNamespace(`strict${run}`);
    await startGreeter(greeterModule('strict'), namespace);
    const client = new NatsRpcClient(nc, 2000, undefined, namespace);
    const forged = { name: 'x'.repeat(21), admin: true } as unknown as GreetRequest;
    const refused = await client.call(Greet, forged).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(RemoteError);
    expect(refused).toMatchObject({ status: 400, code: 'validation_failed' });
    expect((refused as RemoteError).errors?.map((error) => error.field).sort()).toEqual(['admin', 'name']);
  });

  it('refuses to start a service with a handler no contract declares', async () => {
    await expect(startGreeter(UndeclaredModule, new NatsNamespace(`undeclared${run}`))).rejects.toThrow(
      /greeter\.secret\.read/,
    );
  });
});
