import { DynamicModule, Inject, Module, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import {
  CONSOLE_FILES,
  ConsoleController,
  DEMO_PAGE,
  DemoPageController,
  ENGAGE_SCRIPT,
  serveConsolePage,
  WidgetsController,
  type ConsoleFiles,
} from './pages.controller';
import { findStaticRoot, loadStaticAsset } from './static-asset';

/** Pages served by the gateway itself: the widget script, the console, and the demo portal page in demo mode. */
@Module({})
export class PagesModule implements OnModuleInit {
  constructor(
    private readonly http: HttpAdapterHost,
    @Inject(CONSOLE_FILES) private readonly consoleFiles: ConsoleFiles,
  ) {}

  onModuleInit(): void {
    serveConsolePage(this.http.httpAdapter.getInstance<FastifyInstance>(), this.consoleFiles);
  }

  static register(options: { demo: boolean }): DynamicModule {
    const root = findStaticRoot();
    const script = {
      provide: ENGAGE_SCRIPT,
      useValue: loadStaticAsset(root, 'widgets/engage.js', 'application/javascript; charset=utf-8'),
    };
    const consoleFiles: ConsoleFiles = {
      page: loadStaticAsset(root, 'console/index.html', 'text/html; charset=utf-8'),
      assets: new Map([
        [
          'console.js',
          loadStaticAsset(root, 'console/assets/console.js', 'application/javascript; charset=utf-8'),
        ],
        ['console.css', loadStaticAsset(root, 'console/assets/console.css', 'text/css; charset=utf-8')],
      ]),
    };
    const console = { provide: CONSOLE_FILES, useValue: consoleFiles };
    const controllers = [WidgetsController, ConsoleController];
    if (!options.demo) return { module: PagesModule, controllers, providers: [script, console] };
    return {
      module: PagesModule,
      controllers: [...controllers, DemoPageController],
      providers: [
        script,
        console,
        {
          provide: DEMO_PAGE,
          useValue: loadStaticAsset(root, 'demo/index.html', 'text/html; charset=utf-8'),
        },
      ],
    };
  }
}
