import { runHttpApp } from '@app/host';
import { gatewayApp } from './gateway.app';

void runHttpApp(gatewayApp);
