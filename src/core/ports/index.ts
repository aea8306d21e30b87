export * from './platform';
export * from './messages';
export * from './delivery-error';
export * from './chat-adapter';
export * from './inbound';
export * from './clock';
export * from './logger';
export * from './store';
