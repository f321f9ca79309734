import { DynamicModule, Module } from '@nestjs/common';
import { DEMO_PAGE, DemoPageController, ENGAGE_SCRIPT, WidgetsController } from './pages.controller';
import { findStaticRoot, loadStaticAsset } from './static-asset';

/** Pages served by the gateway itself: the widget script, and the demo portal page in demo mode. */
@Module({})
export class PagesModule {
  static register(options: { demo: boolean }): DynamicModule {
    const root = findStaticRoot();
    const script = {
      provide: ENGAGE_SCRIPT,
      useValue: loadStaticAsset(root, 'widgets/engage.js', 'application/javascript; charset=utf-8'),
    };
    if (!options.demo) return { module: PagesModule, controllers: [WidgetsController], providers: [script] };
    return {
      module: PagesModule,
      controllers: [WidgetsController, DemoPageController],
      providers: [
        script,
        {
          provide: DEMO_PAGE,
          useValue: loadStaticAsset(root, 'demo/index.html', 'text/html; charset=utf-8'),
        },
      ],
    };
  }
}
