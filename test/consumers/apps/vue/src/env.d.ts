/// <reference types="ps-widgets/vue" />
